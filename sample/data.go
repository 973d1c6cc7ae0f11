package sample

// Reference data for plausible people, places and providers. Names are
// common English (and, for minority ethnic groups, common community) names;
// practices and providers are invented, with codes in the real formats.

// nameSet is the first names and surnames used for one ethnic group.
type nameSet struct {
	femaleOld, maleOld     []string // born before about 1965
	femaleYoung, maleYoung []string
	surnames               []string
}

var britishNames = nameSet{
	femaleOld: []string{"Margaret", "Dorothy", "Joan", "Jean", "Patricia", "Barbara", "Brenda", "Sheila", "Eileen", "Doris",
		"Betty", "Irene", "Audrey", "Joyce", "Mary", "Elizabeth", "Kathleen", "Pauline", "Valerie", "Maureen", "Sylvia",
		"Shirley", "Christine", "Susan", "Janet", "Gillian", "Marjorie", "Edna", "Vera", "Hilda", "Winifred", "Olive",
		"Rita", "June", "Ann", "Beryl", "Elsie", "Phyllis", "Marion", "Norma", "Carol", "Linda", "Sandra", "Wendy"},
	maleOld: []string{"John", "William", "George", "Kenneth", "Peter", "Brian", "David", "Michael", "Ronald", "Roy",
		"Derek", "Dennis", "Frank", "Arthur", "Harold", "Albert", "Alan", "Raymond", "Keith", "Colin", "Geoffrey",
		"Terence", "Anthony", "Robert", "Leslie", "Norman", "Stanley", "Eric", "Gordon", "Bernard", "Malcolm", "Trevor",
		"Graham", "Barry", "Roger", "Clive", "Dennis", "Walter", "Frederick", "Ernest", "Thomas", "Richard"},
	femaleYoung: []string{"Sarah", "Emma", "Laura", "Rachel", "Claire", "Nicola", "Kelly", "Gemma", "Rebecca", "Hannah",
		"Amy", "Jessica", "Charlotte", "Lucy", "Sophie", "Danielle", "Katie", "Jade", "Zoe", "Natalie", "Joanne",
		"Lisa", "Michelle", "Victoria", "Stephanie", "Chloe", "Megan", "Lauren", "Helen", "Karen"},
	maleYoung: []string{"Daniel", "James", "Matthew", "Christopher", "Andrew", "Mark", "Paul", "Lee", "Darren", "Craig",
		"Stephen", "Thomas", "Jamie", "Ryan", "Luke", "Adam", "Ben", "Samuel", "Liam", "Jack", "Joshua", "Kieran",
		"Scott", "Wayne", "Gary", "Jason", "Nathan", "Callum", "Jordan", "Aaron"},
	surnames: []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
		"Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Harrison",
		"Lewis", "Hughes", "Edwards", "Turner", "Hill", "Cooper", "Ward", "Moore", "King", "Baker", "Harris", "Martin",
		"Allen", "Parker", "Young", "Morris", "Mitchell", "Bell", "Marshall", "Dixon", "Atkinson", "Shaw", "Fletcher",
		"Chapman", "Kelly", "Cook", "Bailey", "Richardson", "Holmes", "Mason", "Booth", "Barker", "Fisher", "Lawson",
		"Kirk", "Brooks", "Newton", "Simpson", "Cartwright", "Dawson", "Pearson", "Hewitt", "Ellis", "Spencer",
		"Sutton", "Osborne", "Gibson", "Bennett", "Hardy", "Rowe", "Walsh", "Foster", "Ingram", "Marsden", "Pickering",
		"Smith-Jones", "Heald", "Tennyson", "Skelton", "Clayton", "Lambert", "Riley", "Gray", "Moss", "Woodhouse"},
}

var irishNames = nameSet{
	femaleOld:   []string{"Bridget", "Mary", "Kathleen", "Margaret", "Eileen", "Maureen", "Nora", "Theresa"},
	maleOld:     []string{"Patrick", "Michael", "Sean", "Brendan", "Francis", "Joseph", "Dermot", "Kevin"},
	femaleYoung: []string{"Siobhan", "Aoife", "Ciara", "Niamh", "Claire", "Sinead"},
	maleYoung:   []string{"Conor", "Ciaran", "Declan", "Liam", "Aidan", "Eoin"},
	surnames:    []string{"Murphy", "O'Brien", "O'Connor", "Kelly", "Byrne", "Ryan", "Walsh", "O'Sullivan", "McCarthy", "Doyle", "Gallagher", "Quinn"},
}

var polishNames = nameSet{
	femaleOld:   []string{"Danuta", "Krystyna", "Barbara", "Halina", "Teresa", "Zofia"},
	maleOld:     []string{"Jan", "Stanislaw", "Andrzej", "Tadeusz", "Jerzy", "Zbigniew"},
	femaleYoung: []string{"Agnieszka", "Katarzyna", "Anna", "Monika", "Joanna", "Ewa", "Ilona"},
	maleYoung:   []string{"Tomasz", "Piotr", "Marcin", "Pawel", "Krzysztof", "Lukasz", "Andris"},
	surnames:    []string{"Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski", "Kazlauskas", "Ozols", "Popescu"},
}

var indianNames = nameSet{
	femaleOld:   []string{"Kamla", "Pushpa", "Savita", "Sushila", "Harbans", "Jaswinder", "Kanta"},
	maleOld:     []string{"Ramesh", "Mohan", "Harjit", "Gurdev", "Vijay", "Suresh", "Balwant"},
	femaleYoung: []string{"Priya", "Anjali", "Neha", "Pooja", "Simran", "Kiran"},
	maleYoung:   []string{"Rajesh", "Amit", "Sanjay", "Vikram", "Manpreet", "Arjun"},
	surnames:    []string{"Patel", "Singh", "Kaur", "Sharma", "Gill", "Shah", "Mistry", "Sandhu", "Chauhan", "Parmar"},
}

var muslimNames = nameSet{
	femaleOld:   []string{"Fatima", "Zubeda", "Rashida", "Amina", "Khadija", "Begum"},
	maleOld:     []string{"Mohammed", "Abdul", "Mahmood", "Rafiq", "Bashir", "Iqbal"},
	femaleYoung: []string{"Ayesha", "Sana", "Nadia", "Hira", "Maryam", "Shabana"},
	maleYoung:   []string{"Imran", "Bilal", "Hamza", "Usman", "Adnan", "Tariq"},
	surnames:    []string{"Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Begum", "Rahman", "Miah", "Iqbal", "Mahmood"},
}

var chineseNames = nameSet{
	femaleOld:   []string{"Mei", "Lai Ying", "Siu Lan", "Yuk Ping"},
	maleOld:     []string{"Wing", "Kwok Wah", "Chi Keung", "Man Kit"},
	femaleYoung: []string{"Jenny", "Li", "Xin", "Ying"},
	maleYoung:   []string{"Kevin", "Wei", "Jun", "Hao"},
	surnames:    []string{"Chan", "Wong", "Li", "Cheung", "Lau", "Chen", "Wang", "Lam"},
}

var africanNames = nameSet{
	femaleOld:   []string{"Grace", "Comfort", "Florence", "Esther", "Mercy", "Patience"},
	maleOld:     []string{"Emmanuel", "Joseph", "Samuel", "Kwame", "Olusegun", "Moses"},
	femaleYoung: []string{"Blessing", "Chioma", "Abena", "Precious", "Faith", "Amara"},
	maleYoung:   []string{"Tunde", "Chinedu", "Kofi", "Daniel", "Emeka", "Yaw"},
	surnames:    []string{"Okafor", "Adeyemi", "Mensah", "Owusu", "Okoye", "Mohamed", "Abdi", "Boateng", "Osei", "Adebayo"},
}

var caribbeanNames = nameSet{
	femaleOld:   []string{"Gloria", "Hyacinth", "Beverley", "Merle", "Pearl", "Icilda"},
	maleOld:     []string{"Winston", "Clinton", "Delroy", "Lloyd", "Errol", "Carlton"},
	femaleYoung: []string{"Shanice", "Kerry-Ann", "Tanya", "Simone", "Keisha", "Natasha"},
	maleYoung:   []string{"Marcus", "Jermaine", "Andre", "Dwayne", "Tyrone", "Kyle"},
	surnames:    []string{"Campbell", "Brown", "Francis", "Thomas", "Williams", "Clarke", "Grant", "Henry", "Reid", "McKenzie"},
}

var arabNames = nameSet{
	femaleOld:   []string{"Samira", "Layla", "Huda", "Nawal"},
	maleOld:     []string{"Ahmad", "Khalid", "Omar", "Hassan"},
	femaleYoung: []string{"Rania", "Yasmin", "Lina", "Dalia"},
	maleYoung:   []string{"Yusuf", "Karim", "Sami", "Faisal"},
	surnames:    []string{"Al-Sayed", "Haddad", "Mansour", "Saleh", "Nasser", "Khalil"},
}

// ethnicities are the Release 1 Ethnicity labels with weights (roughly the
// adult social care population of an English shire county) and the names
// used for each.
var ethnicities = []struct {
	label string
	w     int
	names *nameSet
}{
	{"White - English, Welsh, Scottish, Northern Irish or British", 8300, &britishNames},
	{"White - Irish", 90, &irishNames},
	{"White - Gypsy or Irish Traveller", 25, &britishNames},
	{"White - Roma", 10, &polishNames},
	{"White - Any other White background", 380, &polishNames},
	{"Mixed or multiple ethnic groups - White and Black Caribbean", 45, &caribbeanNames},
	{"Mixed or multiple ethnic groups - White and Black African", 20, &africanNames},
	{"Mixed or multiple ethnic groups - White and Asian", 30, &britishNames},
	{"Mixed or multiple ethnic groups - Any other Mixed or multiple ethnic background", 30, &britishNames},
	{"Asian or Asian British - Indian", 160, &indianNames},
	{"Asian or Asian British - Pakistani", 90, &muslimNames},
	{"Asian or Asian British - Bangladeshi", 40, &muslimNames},
	{"Asian or Asian British - Chinese", 40, &chineseNames},
	{"Asian or Asian British - Any other Asian background", 50, &indianNames},
	{"Black, Black British, Caribbean or African - African", 110, &africanNames},
	{"Black, Black British, Caribbean or African - Caribbean", 90, &caribbeanNames},
	{"Black, Black British, Caribbean or African - Any other Black, Black British or Caribbean background", 20, &caribbeanNames},
	{"Other ethnic group - Arab", 20, &arabNames},
	{"Other ethnic group - Any other ethnic group", 50, &britishNames},
	{"No data - Refused", 40, &britishNames},
	{"No data - Undeclared or Not known", 250, &britishNames},
}

// gpPractice is a GP practice: an ODS code (one letter, five digits) and a name.
type gpPractice struct{ code, name string }

var gpPractices = []gpPractice{
	{"C83001", "Abbey Medical Practice"}, {"C83002", "Beacon Medical Practice"}, {"C83003", "Birchwood Medical Practice"},
	{"C83005", "Brant Road Surgery"}, {"C83007", "Church Walk Surgery"}, {"C83008", "Cliff House Medical Practice"},
	{"C83010", "Glebe Park Surgery"}, {"C83011", "Greyfriars Surgery"}, {"C83013", "Hawthorn Medical Practice"},
	{"C83014", "Heighington Surgery"}, {"C83017", "Marisco Medical Practice"}, {"C83019", "Market Cross Surgery"},
	{"C83020", "Minster Medical Practice"}, {"C83023", "Newmarket Medical Practice"}, {"C83024", "North Thoresby Surgery"},
	{"C83025", "Old Leake Medical Centre"}, {"C83026", "Parkside Surgery"}, {"C83029", "Riverside Medical Practice"},
	{"C83030", "Sleaford Medical Group"}, {"C83031", "Spilsby Surgery"}, {"C83034", "St Peter's Hill Surgery"},
	{"C83035", "The Deepings Practice"}, {"C83037", "Welton Family Health Centre"}, {"C83040", "Woodhall Spa New Surgery"},
	{"C83041", "Wragby Surgery"}, {"C83043", "Caskgate Street Surgery"}, {"C83044", "Harrowby Lane Surgery"},
	{"C83045", "Stackyard Surgery, Croft"},
}

// provider is a service provider; id is its CQC location ID ("" when the
// service is not CQC registered).
type provider struct{ name, id string }

var (
	homeCareProviders = []provider{
		{"Bluebell Home Care Ltd", "1-101234567"}, {"Fenland Care Services", "1-103345678"},
		{"Lincs Homecare, Boston Branch", "1-104456789"}, {"Wolds Community Care", "1-1122334455"},
		{"Carewatch Grantham", "1-105567890"}, {"Home Instead Lincoln", "1-106678901"},
		{"Helping Hands Sleaford", "1-2233445566"}, {"Marsh Lane Care Agency", "1-107789012"},
		{"Trent Valley Care at Home", "1-108890123"}, {"Coastal Homecare (Skegness)", "1-109901234"},
	}
	careHomeProviders = []provider{
		{"Willow Lodge Care Home", "1-111122223"}, {"The Elms Residential Home", "1-112233344"},
		{"Ashdene House", "1-113344455"}, {"Brookfield Care Home", "1-114455566"},
		{"Cherry Tree House", "1-115566677"}, {"Meadowbank Residential Care", "1-116677788"},
		{"The Laurels", "1-117788899"}, {"Oakwood Grange", "1-3344556677"},
	}
	nursingHomeProviders = []provider{
		{"St Anne's Nursing Home", "1-121122334"}, {"Fairview Court Nursing Home", "1-122233445"},
		{"Beech House Nursing Home", "1-123344556"}, {"Priory Lodge Nursing Home", "1-124455667"},
		{"Holly Bank Nursing and Residential Home", "1-125566778"},
	}
	supportedLivingProviders = []provider{
		{"Ambient Support, Lincoln", "1-131122334"}, {"Autism Together Lincolnshire", "1-132233445"},
		{"Castle Supported Living", "1-133344556"}, {"Nexus Support Services", "1-134455667"},
	}
	sharedLivesProviders = []provider{{"County Shared Lives Scheme", "1-141122334"}}
	reablementProviders  = []provider{
		{"Reablement Service (in-house)", "1-151122334"}, {"Wellbeing Reablement Team", "1-152233445"},
	}
	extraCareProviders = []provider{
		{"Riverside Court Extra Care", "1-161122334"}, {"Hawthorn Gardens Extra Care Scheme", "1-162233445"},
	}
	dayProviders = []provider{
		{"Ancholme Day Centre", ""}, {"Friendship Club, Horncastle", ""}, {"Greenacres Day Opportunities", ""},
		{"Meadows Community Hub", ""},
	}
	equipmentProviders = []provider{{"Community Equipment Service", ""}}
)

// postcode outward codes in the local authority's area, with weights.
var outwardCodes = []wv{
	{"LN1", 6}, {"LN2", 8}, {"LN4", 5}, {"LN5", 6}, {"LN6", 9}, {"LN9", 2}, {"LN11", 5}, {"LN12", 3}, {"LN13", 1},
	{"PE9", 2}, {"PE10", 3}, {"PE11", 4}, {"PE12", 4}, {"PE20", 2}, {"PE21", 6}, {"PE22", 2}, {"PE23", 2},
	{"PE24", 2}, {"PE25", 5}, {"NG31", 7}, {"NG32", 2}, {"NG33", 1}, {"NG34", 4}, {"DN21", 3},
}

// inwardLetters are the letters used in the second half of postcodes.
const inwardLetters = "ABDEFGHJLNPQRSTUWXYZ"

// Invalid values for the invalid-list-value error: plausible things a case
// system might export, none of them a case or punctuation variant of a
// list value in either release.
var invalidListValues = map[string][]string{
	"Accommodation_Status":     {"Care Home", "Own home", "Living with family", "Council house"},
	"Has_Unpaid_Carer":         {"Y", "N", "Not recorded"},
	"Primary_Support_Reason":   {"Dementia", "Physical Disability", "Frailty"},
	"Event_Outcome":            {"Completed", "Closed", "Ongoing", "Case closed"},
	"Method_of_Review":         {"Face to face", "Telephone", "Home visit"},
	"Request_Route_of_Access":  {"GP referral", "Hospital discharge", "Family member"},
	"Employment_Status":        {"Retired", "Unemployed", "Full time"},
	"Service_Type":             {"Home Care", "Residential", "Day Care"},
	"Review_Outcomes_Achieved": {"Met", "Achieved", "N/A"},
	"Delivery_Mechanism":       {"Personal Budget", "Commissioned", "DP"},
	"Visual_Impairment":        {"Blind", "Partially sighted"},
	"Review_Reason":            {"Annual review", "Scheduled"},
}
