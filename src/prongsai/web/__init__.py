"""The Prongsai web workspace: a Django project (`prongsai serve`)."""
