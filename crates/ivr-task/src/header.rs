//! The header row of a call list: which column is the contact's id, name,
//! phone number, calling code or pass-through field, matched by name without
//! regard to case, spaces, `_` or `-`, with the names Excel users write in
//! English and Chinese. Every other column is a variable of the agent.

/// What a column of the call list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    ContactId,
    Name,
    PhoneNumber,
    CountryCode,
    Other,
}

impl Role {
    /// The wire name NXLink gives the field.
    pub fn wire_name(self) -> &'static str {
        match self {
            Role::ContactId => "contactId",
            Role::Name => "name",
            Role::PhoneNumber => "phoneNumber",
            Role::CountryCode => "countryCode",
            Role::Other => "other",
        }
    }
}

/// The names each role is known by, written the way [`normalise`] leaves them.
const ALIASES: &[(Role, &[&str])] = &[
    (
        Role::ContactId,
        &[
            "contactid",
            "id",
            "编号",
            "名单id",
            "联系人id",
            "客户id",
            "客户编号",
        ],
    ),
    (
        Role::Name,
        &[
            "name",
            "fullname",
            "contactname",
            "姓名",
            "名字",
            "名称",
            "用户名称",
            "客户姓名",
            "联系人",
        ],
    ),
    (
        Role::PhoneNumber,
        &[
            "phonenumber",
            "phone",
            "phoneno",
            "mobile",
            "mobilephone",
            "mobilenumber",
            "cell",
            "cellphone",
            "tel",
            "telephone",
            "number",
            "msisdn",
            "电话",
            "手机",
            "手机号",
            "手机号码",
            "电话号码",
            "号码",
            "联系电话",
            "用户号码",
        ],
    ),
    (
        Role::CountryCode,
        &[
            "countrycode",
            "callingcode",
            "cc",
            "国码",
            "国家码",
            "国家代码",
            "国际区号",
        ],
    ),
    (
        Role::Other,
        &["other", "passthrough", "透传", "透传字段", "备注"],
    ),
];

/// A header name without case, surrounding space, inner spaces, `_` or `-`.
pub fn normalise(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The role of a column called `name`, if it is not a variable.
pub fn role_of(name: &str) -> Option<Role> {
    let key = normalise(name);
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(role, _)| *role)
}

/// Each role's column, and the variables' columns, of one header row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub contact_id: Option<usize>,
    pub name: Option<usize>,
    pub phone_number: Option<usize>,
    pub country_code: Option<usize>,
    pub other: Option<usize>,
    /// The variables' columns, in the file's order.
    pub variables: Vec<usize>,
}

/// Why a header row cannot be a call list's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// No column holds the phone number; the header's names are given.
    NoPhone { found: Vec<String> },
    /// Two columns hold the same thing.
    Twice {
        role: Role,
        first: String,
        second: String,
    },
    /// A column has no name.
    Unnamed { column: usize },
    /// Two variable columns share a name.
    RepeatedVariable { name: String },
}

/// Maps a header row to roles and variables.
pub fn map_header(names: &[String]) -> Result<Columns, HeaderError> {
    let mut columns = Columns::default();
    let mut variable_names: Vec<&str> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let slot = match role_of(name) {
            Some(Role::ContactId) => &mut columns.contact_id,
            Some(Role::Name) => &mut columns.name,
            Some(Role::PhoneNumber) => &mut columns.phone_number,
            Some(Role::CountryCode) => &mut columns.country_code,
            Some(Role::Other) => &mut columns.other,
            None => {
                let trimmed = name.trim();
                if trimmed.is_empty() {
                    return Err(HeaderError::Unnamed { column: i + 1 });
                }
                if variable_names.contains(&trimmed) {
                    return Err(HeaderError::RepeatedVariable {
                        name: trimmed.to_owned(),
                    });
                }
                variable_names.push(trimmed);
                columns.variables.push(i);
                continue;
            }
        };
        if let Some(first) = *slot {
            return Err(HeaderError::Twice {
                role: role_of(name).unwrap_or(Role::Other),
                first: names[first].clone(),
                second: name.clone(),
            });
        }
        *slot = Some(i);
    }
    if columns.phone_number.is_none() {
        return Err(HeaderError::NoPhone {
            found: names.to_vec(),
        });
    }
    Ok(columns)
}
