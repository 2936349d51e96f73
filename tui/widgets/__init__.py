"""The reader's widgets: article rows, title bar, status line, claims panel, search bar."""
