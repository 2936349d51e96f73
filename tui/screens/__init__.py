"""The reader's modal screens: error, open, export, help, and claims (narrow terminals)."""
