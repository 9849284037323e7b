"""Keyed surrogates: realistic, valid, consistent replacement values per entity type."""
