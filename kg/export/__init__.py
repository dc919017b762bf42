"""Writing what kg knows: the store as RDF files, an extraction as the triples export."""
