-- Turkish and Arabic as interface languages (issue 14). People may choose them; a category
-- gets a name in each, empty until an admin writes it (the interface then shows the Dutch one).

-- +goose Up
ALTER TABLE users DROP CONSTRAINT users_language_check;
ALTER TABLE users ADD CONSTRAINT users_language_check CHECK (language IN ('nl', 'fr', 'en', 'tr', 'ar'));
ALTER TABLE worker_profiles DROP CONSTRAINT worker_profiles_languages_check;
ALTER TABLE worker_profiles ADD CONSTRAINT worker_profiles_languages_check
    CHECK (languages <@ ARRAY['nl', 'fr', 'en', 'tr', 'ar']);

ALTER TABLE categories
    ADD COLUMN name_tr text NOT NULL DEFAULT '',
    ADD COLUMN name_ar text NOT NULL DEFAULT '';
ALTER TABLE categories DROP CONSTRAINT categories_names_length;
ALTER TABLE categories ADD CONSTRAINT categories_names_length CHECK (char_length(name_nl) <= 80 AND char_length(name_fr) <= 80
    AND char_length(name_en) <= 80 AND char_length(name_tr) <= 80 AND char_length(name_ar) <= 80);

-- The demo's categories (internal/demo), where a database already has them.
UPDATE categories c SET name_tr = v.tr, name_ar = v.ar
FROM (VALUES
    ('cleaning', 'Temizlik', 'التنظيف'),
    ('flatpack', 'Mobilya kurulumu', 'تركيب الأثاث'),
    ('garden', 'Bahçe işleri', 'أعمال الحديقة'),
    ('moving', 'Taşınmaya yardım', 'المساعدة في الانتقال'),
    ('ironing', 'Ütü', 'الكيّ'),
    ('painting', 'Boya işleri', 'الدهان'),
    ('windows', 'Cam silme', 'تنظيف النوافذ'),
    ('errands', 'Alışveriş', 'التسوّق')
) AS v (slug, tr, ar)
WHERE c.slug = v.slug AND c.name_tr = '' AND c.name_ar = '';

-- +goose Down
ALTER TABLE categories DROP CONSTRAINT categories_names_length;
ALTER TABLE categories ADD CONSTRAINT categories_names_length CHECK (char_length(name_nl) <= 80 AND char_length(name_fr) <= 80 AND char_length(name_en) <= 80);
ALTER TABLE categories DROP COLUMN name_tr, DROP COLUMN name_ar;
UPDATE worker_profiles SET languages = array_remove(array_remove(languages, 'tr'), 'ar');
UPDATE worker_profiles SET languages = '{nl}' WHERE languages = '{}';
ALTER TABLE worker_profiles DROP CONSTRAINT worker_profiles_languages_check;
ALTER TABLE worker_profiles ADD CONSTRAINT worker_profiles_languages_check CHECK (languages <@ ARRAY['nl', 'fr', 'en']);
UPDATE users SET language = 'nl' WHERE language IN ('tr', 'ar');
ALTER TABLE users DROP CONSTRAINT users_language_check;
ALTER TABLE users ADD CONSTRAINT users_language_check CHECK (language IN ('nl', 'fr', 'en'));
