"""The association's figures: who it is (hoi.yaml), the datasets declared in data/datapackage.yaml, their periods, reading data/ (YAML, CSV, XLSX), values, rules, cache."""
