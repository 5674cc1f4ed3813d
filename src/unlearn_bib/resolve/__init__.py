"""Find where a preprint was published, from scholarly web services (only with --online).

``http`` is the one place that talks to the network; one module per service turns its
answers into ``Candidate`` records; ``decide`` accepts a candidate only when an identifier
ties it to the entry and its title and first author agree; ``resolver`` runs the services.
"""
