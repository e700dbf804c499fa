"""Open data: the datasets the portal publishes under CC BY 4.0, their dictionaries and files.

`columns` holds the machinery (a column is defined once and gives the CSV header, the JSON key
and the data dictionary's row, so they cannot drift), `datasets` what is published, and
`views` the streamed, cacheable downloads.
"""
