"""Hand-over of a case to crisis management (the regional crisis organisation or the GGD's
psychosocial protocol) and the way back to SAMOS."""
