"""What the index keeps beside Whoosh's segments: where it lives, the manifest, the extracts, the
document list.
"""
