"""frontwatch.control"""
