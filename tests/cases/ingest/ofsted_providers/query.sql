SELECT row, urn, provider_type, provider_subtype, sector, local_authority, la_code, registration_status,
       registered_from, registered_to, places, overall_rating, postcode_district, inspection_date
FROM ofsted_providers_current ORDER BY row;
