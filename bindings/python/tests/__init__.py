"""Tests of the iot_error_codes package (standard-library unittest; pytest runs them too).

Run from bindings/python:  python3 -m unittest discover -s tests -t .
(`cargo test` at the repository root runs them through checks/tests/python.rs.)
"""
