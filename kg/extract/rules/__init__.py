"""The machinery of the rule families the bank names (kg/lexicon/rules.toml): posts
(`posts` runs them in order), events, statements, structure, shares and open relations."""
