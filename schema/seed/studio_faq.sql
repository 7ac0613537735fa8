-- studio_faq.sql: a few questions the example studios answer on the phone
-- (migration 006). Loaded by `terminfon seed-example` after the studios;
-- safe to run twice (a topic a studio already has is left as its staff set it).

INSERT INTO studio_faq (studio_id, topic, keywords, answer)
SELECT s.id, f.topic, f.keywords, f.answer
  FROM studios s,
       (SELECT 'preise' AS topic,
               'preis, kosten, kostet, teuer, euro, gebühr, tarif' AS keywords,
               'Eine Sitzung kostet bei uns je nach Paket zwischen 39 und 69 Euro. Die genauen Preise bespricht unser Team gern mit Ihnen beim ersten Termin.' AS answer
        UNION ALL
        SELECT 'mitbringen',
               'mitbringen, mitnehmen, anziehen, kleidung, handtuch, vorbereiten, was brauche',
               'Bringen Sie einfach bequeme Kleidung und etwas zu trinken mit. Handtücher liegen bei uns bereit.'
        UNION ALL
        SELECT 'dauer',
               'dauer, dauert, wie lange sitzung, wie lange behandlung, minuten',
               'Eine Sitzung dauert etwa 45 Minuten. Mit Umziehen planen Sie am besten eine gute Stunde ein.') AS f
 WHERE s.slug IN ('berlin-mitte', 'muenchen-schwabing')
ON CONFLICT DO NOTHING;

INSERT INTO studio_faq (studio_id, topic, keywords, answer)
SELECT id, 'parken', 'parken, parkplatz, parkhaus, auto, stellplatz',
       'Direkt vor dem Studio ist das Parken schwierig. Im Parkhaus am Bahnhof Friedrichstraße finden Sie fast immer einen Platz, von dort sind es drei Minuten zu Fuß.'
  FROM studios WHERE slug = 'berlin-mitte'
ON CONFLICT DO NOTHING;
INSERT INTO studio_faq (studio_id, topic, keywords, answer)
SELECT id, 'parken', 'parken, parkplatz, parkhaus, auto, stellplatz',
       'In der Leopoldstraße gibt es Parkplätze mit Parkschein, und im Hinterhof hat das Studio zwei eigene Stellplätze für unsere Kundinnen und Kunden.'
  FROM studios WHERE slug = 'muenchen-schwabing'
ON CONFLICT DO NOTHING;
