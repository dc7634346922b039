"""frontwatch.store"""
