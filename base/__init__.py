"""What every stage stands on: errors, configuration, data loading and text folding.

Nothing here imports a pipeline stage; every stage may import this package.
"""
