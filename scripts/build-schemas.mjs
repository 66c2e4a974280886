// Writes schemas/table.schema.json and schemas/tablespec.schema.json.
// The schemas are authored here, as code, so that the bilingual descriptions and
// examples stay next to each other and every property is sure to carry both.
import { writeFileSync } from 'node:fs';

const d = (en, ko, examples, extra = {}) => ({ description: `${en}\n\n${ko}`, examples, ...extra });
const name = (en, ko, examples) => ({ type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 255, ...d(en, ko, examples) });
const duration = (en, ko, examples) => ({ type: 'string', pattern: '^[1-9][0-9]*[dmy]$', ...d(en, ko, examples) });
const columnRef = (en, ko, examples) => ({ type: 'string', ...d(en, ko, examples) });
const columnList = (en, ko, examples) => ({ type: 'array', items: { type: 'string', ...d('A column of this table.', '이 테이블의 컬럼.', ['cust_no']) }, ...d(en, ko, examples) });

const column = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'oracle'],
  ...d('One column: its Oracle type, its target type and how it is cleansed and protected.', '컬럼 하나: Oracle 타입, 대상 타입, 정제 규칙과 보호 방식.', [
    { name: 'cust_no', oracle: 'NUMBER(12)', nullable: false },
  ]),
  properties: {
    name: name('Target column name in Glue/Athena: lower case, letters, digits and `_`; unique in the table.', 'Glue/Athena 컬럼명: 소문자, 숫자, `_`만 사용하며 테이블 안에서 유일해야 합니다.', [
      'cust_no',
      'base_dt',
    ]),
    source: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      ...d('Oracle column name, when it differs from `name` in upper case.', '원천 Oracle 컬럼명 (`name`을 대문자로 바꾼 것과 다를 때).', ['CUST_NO', 'RRNO']),
    },
    oracle: {
      type: 'string',
      ...d('The Oracle type as written in DDL, such as `NUMBER(12)` or `VARCHAR2(100 CHAR)`.', 'DDL에 적힌 Oracle 타입 (예: `NUMBER(12)`, `VARCHAR2(100 CHAR)`).', [
        'NUMBER(12)',
        'VARCHAR2(100 CHAR)',
        'CHAR(13)',
        'DATE',
        'TIMESTAMP(6)',
      ]),
    },
    type: {
      type: 'string',
      ...d('Glue/Athena type that overrides the default mapping of the Oracle type.', 'Oracle 타입의 기본 매핑 대신 사용할 Glue/Athena 타입.', ['date', 'bigint', 'decimal(18,2)', 'varchar(100)']),
    },
    nullable: { type: 'boolean', default: true, ...d('Whether the column may hold NULL. Default `true`.', 'NULL 허용 여부. 기본값 `true`.', [false]) },
    comment: { type: 'string', maxLength: 255, ...d('Column comment shown in Glue (at most 255 characters).', 'Glue에 표시되는 컬럼 설명 (최대 255자).', ['고객번호']) },
    cleansing: {
      type: 'array',
      ...d('Cleansing rules applied in order during the load: rule names or `{rule: argument}` maps.', '적재 시 순서대로 적용하는 정제 규칙: 규칙 이름 또는 `{규칙: 인자}`.', [
        ['trim', 'empty_to_null'],
        [{ to_date: 'YYYYMMDD' }],
      ]),
      items: {
        type: ['string', 'object'],
        ...d(
          'A cleansing rule: `trim`, `rtrim`, `ltrim`, `empty_to_null`, `remove_control_chars`, `upper`, `lower`, `null_if: [...]`, `default: value`, `to_number`, `to_date: FORMAT`, `to_timestamp: FORMAT`.',
          '정제 규칙: `trim`, `rtrim`, `ltrim`, `empty_to_null`, `remove_control_chars`, `upper`, `lower`, `null_if: [...]`, `default: 값`, `to_number`, `to_date: 형식`, `to_timestamp: 형식`.',
          ['rtrim', { null_if: ['-', 'N/A'] }],
        ),
      },
    },
    pii: {
      enum: ['rrn', 'passport', 'driver_license', 'alien_reg', 'card_no', 'account_no', 'password', 'phone', 'email', 'address', 'name', 'birth', 'none'],
      ...d('Kind of personal data the column holds; `none` states that it holds none.', '컬럼이 담은 개인정보의 종류. `none`은 개인정보가 아님을 뜻합니다.', ['rrn', 'card_no', 'none']),
    },
    encrypt: {
      enum: ['sha256', 'kms', 'none', true],
      ...d(
        'How the column is protected at rest: `sha256` (one-way, salted), `kms` (by the ingestion pipeline), `none`; `true` means the project default.',
        '저장 시 보호 방식: `sha256` (단방향, 솔트 적용), `kms` (적재 파이프라인에서 암호화), `none`. `true`는 프로젝트 기본값.',
        ['sha256', 'kms'],
      ),
    },
    purge: {
      type: 'object',
      additionalProperties: false,
      required: ['after', 'basis'],
      ...d('Destroy (파기) the value after a retention period, counted from a date column.', '기준 일자 컬럼으로부터 보존 기간이 지나면 값을 파기합니다.', [
        { after: '5y', basis: 'cntr_end_dt', action: 'nullify' },
      ]),
      properties: {
        after: duration('Retention period: `<n>d`, `<n>m` or `<n>y`.', '보존 기간: `<n>d`, `<n>m`, `<n>y`.', ['5y', '90d']),
        basis: columnRef('Date or timestamp column the period is counted from.', '보존 기간의 기준이 되는 일자 컬럼.', ['cntr_end_dt']),
        action: {
          enum: ['nullify', 'delete_row'],
          default: 'nullify',
          ...d('`nullify` the column, or `delete_row` the whole row.', '`nullify`: 컬럼 값을 NULL로, `delete_row`: 행 전체 삭제.', ['nullify']),
        },
      },
    },
  },
};

const table = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tablespec.dev/schemas/table.schema.json',
  title: 'TableSpec table definition (*.table.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['table', 'kind', 'source', 'load', 'columns'],
  ...d('How one Oracle table becomes a Glue Data Catalog table on S3, queried with Athena.', 'Oracle 테이블 하나를 S3 위의 Glue 카탈로그 테이블(Athena 조회)로 옮기는 정의.', [
    { table: 'cust_card_master', kind: 'source' },
  ]),
  properties: {
    table: name('Glue/Athena table name: lower case, letters, digits and `_`, at most 255 characters.', 'Glue/Athena 테이블명: 소문자, 숫자, `_`, 최대 255자.', ['cust_card_master']),
    database: name('Glue database; may come from `defaults.database` in `tablespec.yaml`.', 'Glue 데이터베이스. `tablespec.yaml`의 `defaults.database`로 대신할 수 있습니다.', ['card_dw']),
    kind: {
      enum: ['source', 'mart'],
      ...d(
        '`source`: typed Oracle columns. `mart`: already extracted by Sqoop, every column arrives as a string.',
        '`source`: 타입이 있는 Oracle 원천. `mart`: Sqoop으로 이미 추출되어 모든 컬럼이 문자열로 들어옵니다.',
        ['source', 'mart'],
      ),
    },
    description: { type: 'string', maxLength: 2048, ...d('Table description shown in Glue (at most 2048 characters).', 'Glue에 표시되는 테이블 설명 (최대 2048자).', ['카드 고객 마스터']) },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['object'],
      ...d('The Oracle table this spec loads from.', '적재 원천 Oracle 테이블.', [{ object: 'CARD.CUST_CARD_MASTER', size_gb: 700 }]),
      properties: {
        object: {
          type: 'string',
          pattern: '^(?:"[^"]{1,128}"|[A-Z][A-Z0-9_$#]{0,127})\\.(?:"[^"]{1,128}"|[A-Z][A-Z0-9_$#]{0,127})$',
          ...d('Oracle `OWNER.TABLE`; unquoted identifiers in upper case, 1 to 128 characters.', 'Oracle `OWNER.TABLE`. 따옴표 없는 식별자는 대문자, 1~128자.', ['CARD.CUST_CARD_MASTER']),
        },
        size_gb: {
          type: 'number',
          minimum: 0,
          ...d('Size of the Oracle table in GB; drives the load-mode and extract-tuning checks.', 'Oracle 테이블 크기(GB). 적재 방식과 추출 튜닝 점검에 쓰입니다.', [700]),
        },
        primary_key: columnList(
          "The source table's primary key, as this table's column names: verify pairs source and target rows on it, whatever the load mode.",
          '원천 테이블의 기본 키 (이 테이블의 컬럼명). 적재 방식과 관계없이 검증(verify)이 원천과 대상의 행을 이 키로 짝짓습니다.',
          [['card_no'], ['card_no', 'txn_seq']],
        ),
        row_count: { type: 'number', minimum: 0, ...d('Expected number of rows, for reconciliation after the load.', '적재 후 건수 대사에 쓰는 예상 행 수.', [1200000000]) },
        staging: {
          type: 'object',
          additionalProperties: false,
          ...d('Where the raw extract lies; default from the environment `staging` pattern.', '원천 추출 파일 위치. 기본값은 환경의 `staging` 패턴.', [
            { location: 'data/cust_card_master.csv', format: 'csv' },
          ]),
          properties: {
            location: {
              type: 'string',
              ...d('`s3://…` or a path relative to the workspace.', '`s3://…` 또는 워크스페이스 기준 상대 경로.', ['s3://card-raw/card_dw/cust_card_master/', 'data/cust_card_master.csv']),
            },
            format: { enum: ['csv', 'text', 'parquet'], ...d('File format of the extract.', '추출 파일 형식.', ['csv']) },
            delimiter: { type: 'string', minLength: 1, maxLength: 4, ...d('Field delimiter of a csv or text extract.', 'csv/text 추출 파일의 구분자.', [',', '|', '\u0001']) },
            header: { type: 'boolean', ...d('Whether the first line holds column names.', '첫 줄이 컬럼명인지 여부.', [true]) },
            null_value: { type: 'string', ...d('The text that stands for NULL (Sqoop writes `null` unless told `\\N`).', 'NULL을 뜻하는 문자열 (Sqoop 기본값은 `null`).', ['\\N', 'null']) },
            encoding: { type: 'string', ...d('Character encoding of the extract.', '추출 파일의 문자 인코딩.', ['UTF-8', 'EUC-KR']) },
          },
        },
        extract: {
          type: 'object',
          additionalProperties: false,
          ...d('Tuning of the Oracle extract for large tables.', '대용량 테이블의 Oracle 추출 튜닝.', [{ hint: 'PARALLEL(8)', fetch_size: 10000, split_by: 'cust_no', parallelism: 8 }]),
          properties: {
            hint: { type: 'string', ...d('Optimizer hint body, without `/*+` and `*/`.', '옵티마이저 힌트 본문 (`/*+`, `*/` 제외).', ['PARALLEL(8)', 'FULL(t) PARALLEL(t, 8)']) },
            fetch_size: { type: 'integer', minimum: 1, maximum: 100000, ...d('JDBC fetch size, 1 to 100000.', 'JDBC fetch size, 1~100000.', [10000]) },
            split_by: columnRef('Numeric or date column the extract is split on.', '추출을 분할할 숫자 또는 일자 컬럼.', ['cust_no']),
            parallelism: { type: 'integer', minimum: 1, maximum: 256, ...d('Number of parallel extract sessions, 1 to 256.', '병렬 추출 세션 수, 1~256.', [8]) },
          },
        },
      },
    },
    storage: {
      type: 'object',
      additionalProperties: false,
      ...d('How the table is stored on S3.', 'S3 저장 방식.', [{ format: 'iceberg', location: 's3://card-lake/card_dw/cust_card_master/' }]),
      properties: {
        format: { enum: ['iceberg', 'parquet'], ...d('`iceberg` (default; needed for upsert) or `parquet`.', '`iceberg` (기본값, upsert에 필요) 또는 `parquet`.', ['iceberg']) },
        location: {
          type: 'string',
          pattern: '^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$',
          maxLength: 2056,
          ...d('S3 location `s3://bucket/prefix/`; default from the environment `warehouse` pattern.', 'S3 위치 `s3://bucket/prefix/`. 기본값은 환경의 `warehouse` 패턴.', [
            's3://card-lake/card_dw/cust_card_master/',
          ]),
        },
      },
    },
    load: {
      type: 'object',
      additionalProperties: false,
      required: ['mode'],
      ...d('How rows are loaded into the table.', '적재 방식.', [{ mode: 'upsert', keys: ['cust_no'], partition_by: ['base_dt'] }]),
      properties: {
        mode: {
          enum: ['overwrite', 'append', 'upsert'],
          ...d('`overwrite` replaces all rows; `append` adds rows; `upsert` merges on `keys`.', '`overwrite`: 전체 교체, `append`: 추가, `upsert`: `keys` 기준 병합.', [
            'overwrite',
            'append',
            'upsert',
          ]),
        },
        keys: columnList('Key columns that `upsert` merges on.', '`upsert` 병합 기준 키 컬럼.', [['cust_no']]),
        partition_by: columnList('Partition columns (primitive types only).', '파티션 컬럼 (기본 타입만).', [['base_dt']]),
        retention: duration(
          'Keep partitions this long (`<n>d`, `<n>m`, `<n>y`); needs a date or timestamp partition column.',
          '파티션 보존 기간 (`<n>d`, `<n>m`, `<n>y`). 일자/타임스탬프 파티션 컬럼이 필요합니다.',
          ['5y', '13m'],
        ),
        incremental_by: columnRef('Date or timestamp column that tracks changes, for incremental loads.', '변경분 추출 기준 일자/타임스탬프 컬럼.', ['chg_dtm']),
      },
    },
    columns: {
      type: 'array',
      minItems: 1,
      items: { $ref: '#/definitions/column' },
      ...d('The columns of the table, at least one.', '테이블 컬럼 목록 (최소 1개).', [[{ name: 'cust_no', oracle: 'NUMBER(12)' }]]),
    },
    views: {
      type: 'array',
      ...d('Views created over the table for data scientists and EDA.', '데이터 사이언티스트와 EDA용 View.', [[{ name: 'v_cust_card_master_ds', columns: ['cust_no'] }]]),
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        ...d('A view over this table.', '이 테이블 위의 View.', [{ name: 'v_cust_card_master_ds' }]),
        properties: {
          name: name('View name: the same rule as a table name.', 'View 이름: 테이블명과 같은 규칙.', ['v_cust_card_master_ds']),
          description: { type: 'string', maxLength: 2048, ...d('What the view is for.', 'View 설명.', ['DS 제공 View']) },
          columns: columnList('Columns of the view; default every column not encrypted.', 'View 컬럼. 기본값은 암호화되지 않은 모든 컬럼.', [['cust_no', 'base_dt']]),
          where: { type: 'string', ...d('SQL predicate that filters the view.', 'View 필터 조건 (SQL).', ["base_dt >= DATE '2020-01-01'"]) },
        },
      },
    },
    joins: {
      type: 'array',
      ...d('Join relations to other specs of the workspace.', '워크스페이스의 다른 테이블과의 조인 관계.', [[{ table: 'card_dw.cust_master', on: ['cust_no'] }]]),
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['table', 'on'],
        ...d('A join to another table.', '다른 테이블과의 조인.', [{ table: 'card_dw.cust_master', on: ['cust_no'] }]),
        properties: {
          table: {
            type: 'string',
            pattern: '^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$',
            ...d('`database.table` of another spec in the workspace.', '워크스페이스에 있는 다른 스펙의 `database.table`.', ['card_dw.cust_master']),
          },
          on: columnList('Columns present in both tables, with the same mapped type.', '두 테이블에 모두 있고 매핑 타입이 같은 컬럼.', [['cust_no']]),
        },
      },
    },
  },
  definitions: { column },
};

const environment = {
  type: 'object',
  additionalProperties: false,
  required: ['engine'],
  ...d('One environment: the engine and where things live.', '환경 하나: 엔진과 각종 위치.', [{ engine: 'duckdb', database_file: '.tablespec/local.duckdb' }]),
  properties: {
    engine: { enum: ['duckdb', 'athena'], ...d('`duckdb` (embedded, local) or `athena` (AWS Glue + Athena).', '`duckdb` (내장, 로컬) 또는 `athena` (AWS Glue + Athena).', ['duckdb', 'athena']) },
    database_file: { type: 'string', ...d('DuckDB database file, relative to the workspace.', 'DuckDB 데이터베이스 파일 (워크스페이스 기준).', ['.tablespec/local.duckdb']) },
    region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d$', ...d('AWS region.', 'AWS 리전.', ['ap-northeast-2']) },
    profile: { type: 'string', ...d('AWS profile (SSO profiles work); credentials never live in this file.', 'AWS 프로파일 (SSO 가능). 자격 증명은 이 파일에 두지 않습니다.', ['card-dev']) },
    workgroup: { type: 'string', ...d('Athena workgroup.', 'Athena 작업 그룹.', ['primary']) },
    output_location: { type: 'string', pattern: '^s3://', ...d('S3 location of Athena query results.', 'Athena 쿼리 결과 S3 위치.', ['s3://card-athena-results-dev/']) },
    salt_location: {
      type: 'string',
      pattern: '^s3://',
      ...d(
        'S3 prefix where a load writes the `sha256` salt for Athena to read (a one-row table, deleted after the load). Only the loading role may read it.',
        'Athena가 읽을 `sha256` 솔트를 적재 중에 기록하는 S3 위치 (한 행 테이블, 적재 후 삭제). 적재 역할만 읽을 수 있어야 합니다.',
        ['s3://card-secure-dev/tablespec-salt/'],
      ),
    },
    warehouse: {
      type: 'string',
      ...d('Pattern of table locations; `{database}` and `{table}` are replaced.', '테이블 위치 패턴. `{database}`, `{table}`이 치환됩니다.', ['s3://card-lake-dev/{database}/{table}/']),
    },
    staging: {
      type: 'string',
      ...d('Pattern of raw extract locations; `{database}` and `{table}` are replaced.', '원천 추출 파일 위치 패턴. `{database}`, `{table}`이 치환됩니다.', [
        'data/{table}.csv',
        's3://card-raw-dev/{database}/{table}/',
      ]),
    },
    catalog_snapshot: {
      type: 'string',
      ...d('A Glue `GetTables` response saved as JSON, read for drift checks when offline.', '오프라인 점검용으로 저장한 Glue `GetTables` 응답 JSON.', ['catalog/dev-glue.json']),
    },
    airflow: {
      type: 'object',
      additionalProperties: false,
      ...d(
        'Where the production DAGs of this environment run, for `tablespec runs`: an Amazon MWAA environment (called through InvokeRestApi with the AWS profile and region above) or an Airflow webserver. Credentials never live in this file.',
        '이 환경의 운영 DAG가 실행되는 곳 (`tablespec runs`용): Amazon MWAA 환경 (위의 AWS 프로파일과 리전으로 InvokeRestApi 호출) 또는 Airflow 웹서버. 자격 증명은 이 파일에 두지 않습니다.',
        [{ mwaa_environment: 'card-prod-airflow', emr_cluster: 'card-etl-prod' }],
      ),
      properties: {
        mwaa_environment: { type: 'string', pattern: '^[a-zA-Z][0-9a-zA-Z_-]*$', maxLength: 80, ...d('Name of the Amazon MWAA environment.', 'Amazon MWAA 환경 이름.', ['card-prod-airflow']) },
        base_url: {
          type: 'string',
          pattern: '^https?://',
          ...d(
            'Base URL of an Airflow webserver (without `/api/v1`); the user and password come from TABLESPEC_AIRFLOW_USER and TABLESPEC_AIRFLOW_PASSWORD, or a token from TABLESPEC_AIRFLOW_TOKEN.',
            'Airflow 웹서버 기본 URL (`/api/v1` 제외). 사용자와 암호는 TABLESPEC_AIRFLOW_USER, TABLESPEC_AIRFLOW_PASSWORD에서, 토큰은 TABLESPEC_AIRFLOW_TOKEN에서 읽습니다.',
            ['https://airflow.example.com'],
          ),
        },
        api_version: { enum: ['v1', 'v2'], ...d('`v1` for Airflow 2 (default), `v2` for Airflow 3.', 'Airflow 2는 `v1` (기본값), Airflow 3은 `v2`.', ['v1']) },
        emr_cluster: {
          type: 'string',
          ...d('Name of the EMR cluster the DAGs run their steps on (as given to `tablespec dag --emr-cluster`).', 'DAG가 스텝을 실행하는 EMR 클러스터 이름 (`tablespec dag --emr-cluster`와 같음).', [
            'card-etl-prod',
          ]),
        },
      },
    },
    protected: { type: 'boolean', ...d('Every change asks for the table name to be typed.', '모든 변경 시 테이블명을 직접 입력해야 합니다.', [true]) },
  },
};

const workspace = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tablespec.dev/schemas/tablespec.schema.json',
  title: 'TableSpec workspace settings (tablespec.yaml)',
  type: 'object',
  additionalProperties: false,
  ...d('Defaults and environments shared by every table spec of the workspace.', '워크스페이스의 모든 테이블 스펙이 공유하는 기본값과 환경.', [{ defaults: { database: 'card_dw' } }]),
  properties: {
    defaults: {
      type: 'object',
      additionalProperties: false,
      ...d('Defaults for specs that do not say otherwise.', '스펙에 없을 때 쓰는 기본값.', [{ database: 'card_dw', encrypt: 'sha256' }]),
      properties: {
        database: table.properties.database,
        storage: {
          type: 'object',
          additionalProperties: false,
          properties: { format: table.properties.storage.properties.format },
          ...d('Default storage.', '기본 저장 방식.', [{ format: 'iceberg' }]),
        },
        encrypt: { enum: ['sha256', 'kms'], ...d('What `encrypt: true` means.', '`encrypt: true`의 의미.', ['sha256']) },
      },
    },
    oracle: {
      type: 'object',
      additionalProperties: false,
      ...d('Facts about the Oracle source.', 'Oracle 원천에 대한 설정.', [{ max_string_size: 'standard' }]),
      properties: {
        max_string_size: {
          enum: ['standard', 'extended'],
          ...d('`extended` raises VARCHAR2, NVARCHAR2 and RAW to 32767 bytes.', '`extended`면 VARCHAR2, NVARCHAR2, RAW 최대 길이가 32767 바이트.', ['standard']),
        },
        dictionary: { type: 'string', ...d('An `ALL_TAB_COLUMNS` export (CSV), for source checks.', '원천 점검용 `ALL_TAB_COLUMNS` 추출본 (CSV).', ['oracle/dictionary.csv']) },
        connect_string: {
          type: 'string',
          ...d('The Oracle database, as EZConnect writes it: `host:port/service`.', 'Oracle 접속 문자열 (EZConnect): `host:port/service`.', ['card-db.internal:1521/CARDDB']),
        },
        user: { type: 'string', ...d('The Oracle user that reads the dictionary and counts rows.', '딕셔너리 조회와 건수 확인에 쓰는 Oracle 사용자.', ['etl_reader']) },
        password_env: {
          type: 'string',
          pattern: '^TABLESPEC_[A-Z0-9_]+$',
          ...d(
            'The environment variable holding the password (never the password itself). Only `TABLESPEC_` variables may hold it, so that a workspace cannot send another secret to a host it names; default `TABLESPEC_ORACLE_PASSWORD`. The editor can keep the password in its secret storage instead.',
            '비밀번호가 들어 있는 환경 변수 이름 (비밀번호 자체는 쓰지 않습니다). 작업 공간이 다른 비밀 값을 자기가 지정한 호스트로 보내지 못하도록 `TABLESPEC_`로 시작하는 변수만 쓸 수 있습니다. 기본값 `TABLESPEC_ORACLE_PASSWORD`. 편집기에서는 비밀번호를 비밀 저장소에 둘 수도 있습니다.',
            ['TABLESPEC_ORACLE_PASSWORD'],
            {
              patternErrorMessage:
                'Only a TABLESPEC_ variable may hold the Oracle password (TABLESPEC_ORACLE_PASSWORD, say): a workspace must not send another secret to a host it names. / Oracle 비밀번호는 TABLESPEC_ 변수에만 둘 수 있습니다 (예: TABLESPEC_ORACLE_PASSWORD).',
            },
          ),
        },
      },
    },
    dag_groups: {
      type: 'object',
      propertyNames: { pattern: '^[a-z][a-z0-9_]*$' },
      additionalProperties: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^([a-z][a-z0-9_]*\\.)?[a-z][a-z0-9_]*$' } },
      ...d(
        'Tables that `tablespec dag` puts in one DAG (`tablespec__group__<name>`, a task group per table) instead of one DAG each; a table is `database.table`, or `table` in `defaults.database`.',
        '`tablespec dag`가 테이블마다 DAG를 만들지 않고 하나의 DAG(`tablespec__group__<이름>`, 테이블마다 태스크 그룹)로 묶는 테이블. 테이블은 `database.table` 또는 `defaults.database`의 `table`.',
        [{ card_daily: ['card_dw.card_txn', 'card_dw.cust_grade'] }],
      ),
    },
    environments: {
      type: 'object',
      additionalProperties: environment,
      propertyNames: { pattern: '^[a-z][a-z0-9_-]*$' },
      ...d('Named environments; `local` is the embedded default.', '이름 붙은 환경. `local`이 내장 기본값.', [{ local: { engine: 'duckdb' } }]),
    },
    verify: {
      type: 'object',
      additionalProperties: false,
      ...d('Settings of `tablespec verify`.', '`tablespec verify` 설정.', [{ max_scan_gb: 50 }]),
      properties: {
        max_scan_gb: {
          type: 'number',
          minimum: 0,
          ...d(
            "Before verify runs on Athena it estimates the bytes each tier scans (Iceberg `$files` sizes, Glue statistics, the extract's size in S3); above this many GB it asks first (`--yes` on the command line). Athena bills $5 per TB scanned, at least 10 MB a query.",
            'Athena에서 verify를 실행하기 전에 단계별 스캔 바이트를 추정합니다 (Iceberg `$files` 크기, Glue 통계, S3의 추출본 크기). 이 GB를 넘으면 먼저 묻습니다 (명령줄에서는 `--yes`). Athena 요금은 스캔 1TB당 $5, 쿼리당 최소 10MB.',
            [50],
          ),
        },
      },
    },
  },
};

writeFileSync(new URL('../schemas/table.schema.json', import.meta.url), JSON.stringify(table, null, 2) + '\n');
writeFileSync(new URL('../schemas/tablespec.schema.json', import.meta.url), JSON.stringify(workspace, null, 2) + '\n');
