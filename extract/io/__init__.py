"""Reading and writing files, below both the run and the knowledge base: decoding an article's
bytes (reader, and html and collection for pages and collections of articles), local paths and
URLs (storage), and outputs renamed into place whole (atomic)."""
