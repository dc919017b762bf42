"""RDF: the vocabulary, deterministic IRIs, an extraction as triples, N-Quads, the gazetteer
as SKOS and SHACL validation."""
