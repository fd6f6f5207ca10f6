"""Dates typed in the Turkish back office: 01.07.2024 as Turkish editors write them (Django's
Turkish formats read only 01/07/2024); ISO 2024-07-01 is read in every language."""

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d/%m/%Y", "%d/%m/%y", "%y-%m-%d"]
