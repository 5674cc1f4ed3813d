"""Bytes in and out: guarded reads, atomic writes, the strict YAML loader. Imports errors and text."""
