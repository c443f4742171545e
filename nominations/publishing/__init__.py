"""Published documents: decision and certificate PDFs, signing, verification."""
