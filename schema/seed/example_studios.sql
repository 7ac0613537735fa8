-- example_studios.sql: the example chain "Abnehmen im Liegen" with a Berlin and
-- a München studio. Loaded by `terminfon seed-example`; safe to run twice.
-- The phone numbers are from the ranges reserved for drama and tests.

INSERT INTO studios
    (slug, name, city, address, region, timezone, twilio_number, transfer_number,
     slot_minutes, capacity, lead_minutes, horizon_days, staff_lines, max_wait_seconds, is_default)
VALUES
    ('berlin-mitte', 'Abnehmen im Liegen Berlin-Mitte', 'Berlin', 'Friedrichstraße 123, 10117 Berlin',
     'DE-BE', 'Europe/Berlin', '+4930901820', '+4930901821', 60, 2, 120, 60, 1, 180, 1),
    ('muenchen-schwabing', 'Abnehmen im Liegen München-Schwabing', 'München', 'Leopoldstraße 45, 80802 München',
     'DE-BY', 'Europe/Berlin', '+4989901820', '+4989901821', 45, 1, 120, 60, 1, 180, 0)
ON CONFLICT DO NOTHING;

-- While Berlin is closed (before 9, its Saturday afternoon), München's staff
-- take the transfers of Berlin's calls; the calls stay Berlin's.
UPDATE studios SET overflow_studio_id = (SELECT id FROM studios WHERE slug = 'muenchen-schwabing')
 WHERE slug = 'berlin-mitte' AND overflow_studio_id IS NULL;

INSERT INTO studio_area_codes (studio_id, prefix)
SELECT id, p.prefix FROM studios, (SELECT '+4930' AS prefix UNION ALL SELECT '+4933') AS p
 WHERE slug = 'berlin-mitte'
ON CONFLICT DO NOTHING;
INSERT INTO studio_area_codes (studio_id, prefix)
SELECT id, p.prefix FROM studios, (SELECT '+4989' AS prefix UNION ALL SELECT '+498') AS p
 WHERE slug = 'muenchen-schwabing'
ON CONFLICT DO NOTHING;

-- Berlin: Monday to Friday 9-13 and 14-20, Saturday 10-14. Closed Sunday.
INSERT INTO opening_hours (studio_id, weekday, opens, closes)
SELECT s.id, h.weekday, h.opens, h.closes
  FROM studios s,
       (SELECT 0 AS weekday, '09:00' AS opens, '13:00' AS closes
        UNION ALL SELECT 0, '14:00', '20:00' UNION ALL SELECT 1, '09:00', '13:00'
        UNION ALL SELECT 1, '14:00', '20:00' UNION ALL SELECT 2, '09:00', '13:00'
        UNION ALL SELECT 2, '14:00', '20:00' UNION ALL SELECT 3, '09:00', '13:00'
        UNION ALL SELECT 3, '14:00', '20:00' UNION ALL SELECT 4, '09:00', '13:00'
        UNION ALL SELECT 4, '14:00', '20:00' UNION ALL SELECT 5, '10:00', '14:00') AS h
 WHERE s.slug = 'berlin-mitte'
   AND NOT EXISTS (SELECT 1 FROM opening_hours o WHERE o.studio_id = s.id);

-- München: Monday to Friday 8-19, Saturday 9-16. Closed Sunday.
INSERT INTO opening_hours (studio_id, weekday, opens, closes)
SELECT s.id, h.weekday, h.opens, h.closes
  FROM studios s,
       (SELECT 0 AS weekday, '08:00' AS opens, '19:00' AS closes
        UNION ALL SELECT 1, '08:00', '19:00' UNION ALL SELECT 2, '08:00', '19:00'
        UNION ALL SELECT 3, '08:00', '19:00' UNION ALL SELECT 4, '08:00', '19:00'
        UNION ALL SELECT 5, '09:00', '16:00') AS h
 WHERE s.slug = 'muenchen-schwabing'
   AND NOT EXISTS (SELECT 1 FROM opening_hours o WHERE o.studio_id = s.id);
