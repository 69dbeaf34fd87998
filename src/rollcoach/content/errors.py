class ContentError(Exception):
    """A content file is wrong; the message names the file and the field."""
