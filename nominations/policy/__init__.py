"""Policy: who may act, the stage table, what a dossier needs, eligibility, council and rewards."""
