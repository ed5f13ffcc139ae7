"""Figures written the Vietnamese way: numbers, money, percentages and dates (the templates' filters), and one figure as text with its qualifier."""
