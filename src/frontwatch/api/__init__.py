"""frontwatch.api"""
