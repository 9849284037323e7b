"""Masked copies of whole databases: plan, staging, typed values, copy and leak check."""
