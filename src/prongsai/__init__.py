"""Prongsai (โปร่งใส): the ITA integrity and transparency workspace for Thai public agencies."""

__version__ = "0.1.0"
