"""frontwatch.events"""
