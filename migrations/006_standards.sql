-- Standard sets: the rules a community is measured against, kept as data
-- because every city sets its own values. A set's rules are one JSON array
-- (validated by the API); every save raises the version and keeps the old
-- rules in standard_set_versions, so a report can name the version it used
-- and that version can still be read later.
--
-- Rule fields: code, label, labelEn, indicator, comparator ('>=' or '<='),
-- threshold, unit, appliesTo {area: any|urban|rural, residential:
-- any|new|existing}, kinds (facility kinds counted), walk (for coverage
-- rules: {minutes, speedKmh} or {metres}), severity (high|medium|low), source.
--
-- Facilities serving several communities list them in
-- facility_service_communities; their floor area and beds are then split
-- among those communities in proportion to households.

CREATE TABLE standard_sets (
  id                        serial PRIMARY KEY,
  name                      text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  description               text NOT NULL DEFAULT '',
  preset_key                text UNIQUE,
  new_residential_from_year integer NOT NULL DEFAULT 2021 CHECK (new_residential_from_year BETWEEN 1900 AND 2100),
  rules                     jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'array'),
  version                   integer NOT NULL DEFAULT 1,
  is_default                boolean NOT NULL DEFAULT false,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX standard_sets_one_default ON standard_sets (is_default) WHERE is_default;

CREATE TABLE standard_set_versions (
  set_id                    integer NOT NULL REFERENCES standard_sets(id) ON DELETE CASCADE,
  version                   integer NOT NULL,
  name                      text NOT NULL,
  new_residential_from_year integer NOT NULL,
  rules                     jsonb NOT NULL,
  saved_at                  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (set_id, version)
);

CREATE TABLE facility_service_communities (
  facility_id    integer NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  community_code char(12) NOT NULL REFERENCES divisions(code) ON DELETE CASCADE,
  PRIMARY KEY (facility_id, community_code)
);

CREATE FUNCTION record_standard_set_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO standard_set_versions (set_id, version, name, new_residential_from_year, rules)
  VALUES (NEW.id, NEW.version, NEW.name, NEW.new_residential_from_year, NEW.rules)
  ON CONFLICT (set_id, version) DO UPDATE
    SET name = EXCLUDED.name, new_residential_from_year = EXCLUDED.new_residential_from_year, rules = EXCLUDED.rules, saved_at = now();
  RETURN NULL;
END
$$;

CREATE TRIGGER standard_sets_versioned
  AFTER INSERT OR UPDATE OF name, new_residential_from_year, rules, version ON standard_sets
  FOR EACH ROW EXECUTE FUNCTION record_standard_set_version();

-- Shipped presets. Sources are the plans in the project's planning notes:
-- 沈阳市“十四五”民政事业发展规划 (Shenyang), 浑南区民政事业发展规划 (Hunnan),
-- 太原市民政事业发展“十三五”规划 (Taiyuan), 重庆市万盛经开区民政事业发展“十四五”规划
-- (Wansheng), and the national 14th five-year plan headline of 85 % of residents
-- within a 15-minute walk of community facilities.
INSERT INTO standard_sets (name, description, preset_key, is_default, rules) VALUES
('沈阳 2025（“十四五”）', '沈阳市“十四五”民政事业发展规划的社区服务与居家养老指标，以及 15 分钟、5 分钟步行覆盖。', 'shenyang-2025', true, $json$[
  {"code":"cs-area-per-100","label":"城市社区综合服务设施每百户面积","labelEn":"Community service floor area per 100 households (city)","indicator":"facility_area_per_100_households","comparator":">=","threshold":40,"unit":"m²/百户","appliesTo":{"area":"urban","residential":"any"},"kinds":["community_service"],"severity":"high","source":"沈阳市“十四五”民政事业发展规划，指标 9 及第二部分二.2：城市社区综合服务设施每百户不低于 40 平方米（不含卫生服务站和居家养老设施）"},
  {"code":"cs-area-total-urban","label":"城市社区综合服务设施总面积","labelEn":"Community service floor area, city community","indicator":"facility_area_total","comparator":">=","threshold":600,"unit":"m²","appliesTo":{"area":"urban","residential":"any"},"kinds":["community_service"],"severity":"medium","source":"沈阳市“十四五”民政事业发展规划：城市社区综合服务设施面积不低于 600 平方米"},
  {"code":"cs-area-total-rural","label":"农村社区综合服务中心总面积","labelEn":"Community service floor area, rural centre","indicator":"facility_area_total","comparator":">=","threshold":350,"unit":"m²","appliesTo":{"area":"rural","residential":"any"},"kinds":["community_service"],"severity":"medium","source":"沈阳市“十四五”民政事业发展规划：农村社区综合服务中心面积不低于 350 平方米"},
  {"code":"care-area-per-100-new","label":"新建住宅区养老服务设施每百户面积","labelEn":"Elderly-care floor area per 100 households (new areas)","indicator":"facility_area_per_100_households","comparator":">=","threshold":35,"unit":"m²/百户","appliesTo":{"area":"any","residential":"new"},"kinds":["home_care","day_care"],"severity":"high","source":"沈阳市“十四五”民政事业发展规划，专栏 13.1：新建住宅小区按每百户不低于 35 平方米配建养老服务设施"},
  {"code":"care-area-per-100-existing","label":"已建住宅区养老服务设施每百户面积","labelEn":"Elderly-care floor area per 100 households (existing areas)","indicator":"facility_area_per_100_households","comparator":">=","threshold":25,"unit":"m²/百户","appliesTo":{"area":"any","residential":"existing"},"kinds":["home_care","day_care"],"severity":"medium","source":"沈阳市“十四五”民政事业发展规划，专栏 13.1：已建成住宅区按每百户不低于 25 平方米补齐养老服务设施"},
  {"code":"beds-per-1000","label":"每千名老年人养老床位","labelEn":"Elderly-care beds per 1,000 elderly","indicator":"beds_per_1000_elderly","comparator":">=","threshold":40,"unit":"张/千名老人","appliesTo":{"area":"any","residential":"any"},"kinds":["home_care","day_care","elderly_institution"],"severity":"medium","source":"太原市民政事业发展“十三五”规划：每千名老年人拥有养老床位 40 张；浑南区规划报告 80 张"},
  {"code":"nursing-share","label":"护理型床位占比","labelEn":"Nursing beds as share of institutional beds","indicator":"nursing_bed_share","comparator":">=","threshold":55,"unit":"%","appliesTo":{"area":"any","residential":"any"},"kinds":["elderly_institution"],"severity":"medium","source":"沈阳市“十四五”民政事业发展规划：养老机构护理型床位占比不低于 55%"},
  {"code":"cs-walk-15","label":"15 分钟步行可达社区综合服务设施的户数比例","labelEn":"Households within a 15-minute walk of a community service centre","indicator":"households_within_walk_share","comparator":">=","threshold":85,"unit":"%","appliesTo":{"area":"urban","residential":"any"},"kinds":["community_service"],"walk":{"minutes":15,"speedKmh":4},"severity":"high","source":"国家“十四五”规划目标：到 2025 年 85% 的居民步行 15 分钟可达社区服务设施；GB 50180-2018 的 15 分钟生活圈（约 1,000 米）"},
  {"code":"care-walk-15","label":"15 分钟居家养老服务圈覆盖户数比例","labelEn":"Households within a 15-minute walk of a home-care station","indicator":"households_within_walk_share","comparator":">=","threshold":90,"unit":"%","appliesTo":{"area":"urban","residential":"any"},"kinds":["home_care"],"walk":{"minutes":15,"speedKmh":4},"severity":"high","source":"沈阳市“十四五”民政事业发展规划：城市社区基本形成 15 分钟居家养老服务圈（“基本形成”按 90% 户数取值，可按本地口径调整）"},
  {"code":"care-walk-5","label":"5 分钟嵌入式养老服务圈覆盖户数比例","labelEn":"Households within a 5-minute walk of a home-care station","indicator":"households_within_walk_share","comparator":">=","threshold":100,"unit":"%","appliesTo":{"area":"urban","residential":"any"},"kinds":["home_care"],"walk":{"minutes":5,"speedKmh":4},"severity":"low","source":"浑南区民政事业发展规划：5 分钟嵌入式养老服务圈全域覆盖"}
]$json$),
('万盛 2025（“十四五”）', '重庆市万盛经开区民政事业发展“十四五”规划的社区服务设施与护理型床位指标，以及 15 分钟步行覆盖。', 'wansheng-2025', false, $json$[
  {"code":"cs-area-per-100","label":"社区综合服务设施每百户面积","labelEn":"Community service floor area per 100 households","indicator":"facility_area_per_100_households","comparator":">=","threshold":30,"unit":"m²/百户","appliesTo":{"area":"any","residential":"any"},"kinds":["community_service"],"severity":"high","source":"重庆市万盛经开区民政事业发展“十四五”规划，表 2 指标 6：社区综合服务设施每百户面积 30 平方米（2025 年）"},
  {"code":"nursing-share","label":"护理型床位占比","labelEn":"Nursing beds as share of institutional beds","indicator":"nursing_bed_share","comparator":">=","threshold":60,"unit":"%","appliesTo":{"area":"any","residential":"any"},"kinds":["elderly_institution"],"severity":"medium","source":"重庆市万盛经开区民政事业发展“十四五”规划：护理型床位占比 60%"},
  {"code":"cs-walk-15","label":"15 分钟步行可达社区综合服务设施的户数比例","labelEn":"Households within a 15-minute walk of a community service centre","indicator":"households_within_walk_share","comparator":">=","threshold":85,"unit":"%","appliesTo":{"area":"any","residential":"any"},"kinds":["community_service"],"walk":{"minutes":15,"speedKmh":4},"severity":"high","source":"国家“十四五”规划目标：到 2025 年 85% 的居民步行 15 分钟可达社区服务设施"},
  {"code":"care-walk-15","label":"15 分钟居家养老服务圈覆盖户数比例","labelEn":"Households within a 15-minute walk of a home-care station","indicator":"households_within_walk_share","comparator":">=","threshold":90,"unit":"%","appliesTo":{"area":"any","residential":"any"},"kinds":["home_care"],"walk":{"minutes":15,"speedKmh":4},"severity":"medium","source":"重庆市万盛经开区民政事业发展“十四五”规划：构建 15 分钟养老服务圈（按 90% 户数取值，可按本地口径调整）"}
]$json$),
('太原 2020（“十三五”）', '太原市民政事业发展“十三五”规划的社区服务设施、养老床位与社区养老服务中心服务半径指标。', 'taiyuan-2020', false, $json$[
  {"code":"cs-area-per-100","label":"社区综合服务设施每百户面积","labelEn":"Community service floor area per 100 households","indicator":"facility_area_per_100_households","comparator":">=","threshold":20,"unit":"m²/百户","appliesTo":{"area":"any","residential":"any"},"kinds":["community_service"],"severity":"high","source":"太原市民政事业发展“十三五”规划：社区综合服务设施每百户 20 平方米"},
  {"code":"beds-per-1000","label":"每千名老年人养老床位","labelEn":"Elderly-care beds per 1,000 elderly","indicator":"beds_per_1000_elderly","comparator":">=","threshold":40,"unit":"张/千名老人","appliesTo":{"area":"any","residential":"any"},"kinds":["home_care","day_care","elderly_institution"],"severity":"medium","source":"太原市民政事业发展“十三五”规划：每千名老年人拥有养老床位 40 张"},
  {"code":"centre-within-1000m","label":"1,000 米内有社区养老服务中心的户数比例","labelEn":"Households within 1,000 m of a community elderly service centre","indicator":"households_within_walk_share","comparator":">=","threshold":90,"unit":"%","appliesTo":{"area":"urban","residential":"any"},"kinds":["day_care"],"walk":{"metres":1000},"severity":"high","source":"太原市民政事业发展“十三五”规划：社区养老服务中心服务半径 500–1,000 米；设施覆盖率 90%"},
  {"code":"households-per-centre","label":"每个社区养老服务中心服务户数","labelEn":"Households per community elderly service centre","indicator":"households_per_facility","comparator":"<=","threshold":3000,"unit":"户/处","appliesTo":{"area":"urban","residential":"any"},"kinds":["day_care"],"severity":"low","source":"太原市民政事业发展“十三五”规划：社区养老服务中心按约 3,000 户规模设置"}
]$json$);
