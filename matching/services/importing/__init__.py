"""Moving in from a spreadsheet: read CSV/XLSX, recognise columns, map free text, import without duplicates."""
