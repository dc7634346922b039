"""frontwatch.web"""
