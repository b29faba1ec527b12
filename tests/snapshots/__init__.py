"""Tools that take snapshots of the site (not tests: nothing here is collected by pytest)."""
