"""Reading articles: bytes to text, HTML to text, files, JSONL records and folders."""
