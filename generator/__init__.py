"""Portal Kurikulum: YAML curriculum definitions to a static portal for ASN."""

from __future__ import annotations

__version__ = "0.1.0"
