"""One string table per language: en.py, zh.py."""
