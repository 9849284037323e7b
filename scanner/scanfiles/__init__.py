"""Scanning files and file shares into the inventory: walk, read, detect, record."""
