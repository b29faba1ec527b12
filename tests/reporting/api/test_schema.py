"""The published OpenAPI schema: served at /api/v1/schema/, OpenAPI 3.1, valid."""

from django.urls import reverse
from drf_spectacular.validation import validate_schema


def test_the_schema_is_published_and_valid(client, db):
    response = client.get(reverse("api:schema"), {"format": "json"})

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"] == "3.1.0"
    validate_schema(schema)
    assert set(schema["paths"]) == {
        "/api/v1/reports/",
        "/api/v1/reports/{reference}/",
        "/api/v1/reports/{reference}/acknowledgement/",
        "/api/v1/reports/{reference}/status/",
    }
    assert schema["components"]["securitySchemes"]["clientCredential"]["scheme"] == "bearer"
    for path in schema["paths"].values():
        for operation in path.values():
            assert operation["security"] == [{"clientCredential": []}]
            assert {"401", "403", "429"} <= set(operation["responses"])
