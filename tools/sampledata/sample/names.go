package sample

// Parts of invented place names. Combined in pairs they make names that
// sound English but belong to no real town (the pairs are checked against
// nothing; a coincidence with a village somewhere is harmless, since no
// real provider is described).
var (
	townStarts = []string{"Ash", "Bram", "Cald", "Dun", "Elder", "Fen", "Glen", "Hollin", "Ivy", "Kest",
		"Lark", "Marl", "Nether", "Oaken", "Pen", "Quill", "Rook", "Sand", "Thorn", "Umber",
		"Wen", "Yarrow", "Brack", "Crest", "Fern", "Hazel", "Merrow", "Stave", "Tarn", "Wold"}
	townEnds = []string{"bridge", "combe", "dale", "field", "ford", "ham", "hurst", "ley", "mere", "minster",
		"more", "port", "stead", "thorpe", "ton", "wick", "worth", "by", "den", "holme"}
	valleys = []string{"Vale", "Downs", "Moor", "Fells", "Marsh", "Weald", "Wolds", "Heath"}
	saints  = []string{"Aidan", "Anne", "Bartholomew", "Cuthbert", "Edmund", "Hilda", "Luke", "Oswald", "Wilfrid", "Winifred"}
	streets = []string{"Mill Lane", "Station Road", "Church Street", "Victoria Road", "Park View", "High Street",
		"Orchard Way", "Bridge Street", "Elm Grove", "Kings Road", "Market Place", "Riverside", "Chapel Lane",
		"Queens Avenue", "Beech Road", "Meadow Close", "Castle Street", "North Road", "West End", "Hill Top"}
	founders   = []string{"Ainsworth", "Beaumont", "Carrow", "Delamere", "Everard", "Fairbairn", "Grantley", "Harcourt"}
	firstNames = []string{"Aisha", "Ben", "Carys", "Daniel", "Ella", "Farid", "Grace", "Harvey", "Imogen", "Jonah",
		"Kavita", "Liam", "Maya", "Nathan", "Olu", "Priya", "Quentin", "Rosa", "Samir", "Tamsin",
		"Umar", "Verity", "Wes", "Yasmin", "Zac", "Bethan", "Callum", "Deepa", "Eilidh", "Femi"}
	lastNames = []string{"Ashby", "Brennan", "Chowdhury", "Dalton", "Eze", "Fairweather", "Gallagher", "Hartley",
		"Iqbal", "Jennings", "Kowalski", "Lindqvist", "Mensah", "Nolan", "Okafor", "Pritchard", "Quinlan",
		"Rahman", "Sutcliffe", "Thackeray", "Underwood", "Varga", "Whitlock", "Yeo", "Zielinski"}
)

// Action titles by Quality Framework domain (1 to 6).
var titles = [6][]string{
	{"Protect time for clinical supervision in rota planning", "Improve induction for learners joining mid-rotation",
		"Give learners safe access to rest facilities on night shifts", "Reduce learners' exposure to undermining behaviour",
		"Provide learner access to computers and clinical systems from day one"},
	{"Establish a local faculty group with learner representation", "Report learner feedback to the board each quarter",
		"Agree an escalation route for placement concerns", "Record and act on exception reports within 14 days"},
	{"Offer every learner a named educational supervisor", "Introduce a wellbeing check-in at the midpoint of each placement",
		"Publish rotas at least six weeks in advance", "Support learners who need reasonable adjustments",
		"Set up peer support for learners returning from leave"},
	{"Give educators protected time in job plans", "Train new supervisors before they take on learners",
		"Recognise educator roles in appraisal", "Provide educators with feedback from learner surveys"},
	{"Map placement activities to curriculum outcomes", "Make assessment opportunities available in every placement",
		"Review workplace-based assessment completion rates", "Align simulation training with curriculum requirements"},
	{"Plan placement capacity with partner universities", "Track learner progression into local employment",
		"Widen participation in placements from under-represented groups", "Develop career conversations for final-year learners"},
}

// The illustrative 2021 edition's standards: how many in each domain.
var standardsPerDomain = [6]int{6, 6, 6, 5, 4, 4}
