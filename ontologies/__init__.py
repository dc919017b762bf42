"""kg's ontology, SHACL shapes, JSON-LD context and saved queries, shipped in the wheel as
the package data `kg.ontologies` (see kg/ontology.py)."""
