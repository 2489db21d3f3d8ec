"""The CLI's subcommands beyond search/entities/timeline/index (index/cli.py parses and
dispatches).
"""
