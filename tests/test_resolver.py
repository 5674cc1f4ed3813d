"""The resolver, replayed from recorded answers: deciding, faults, and nothing online without --online."""
import json
import socket

import pytest
import requests
import responses

from replay import register
from unlearn_bib.resolve.http import Client, ServiceError


@pytest.fixture
def client(tmp_path):
    return Client(cache_dir="", sleep=lambda s: None, timeout=1)


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_probe(client, mock):
    from unlearn_bib.catalog import load_catalog
    from unlearn_bib.resolve.resolver import query_from_paper, resolve

    register(mock)
    cat = load_catalog(None)
    d = resolve(client, query_from_paper(cat.get("zhao2024separable")))
    print(d)
    assert 0
