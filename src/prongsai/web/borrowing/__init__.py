"""Borrowing the agency's assets: the catalogue, requests from staff and the public, approval,
hand-over and return, the register and the borrowing rules."""
