/* Referral source and assessment factor labels (cin_codes.h). */
#include "formats/cin_codes.h"

#include <string.h>

static const struct {
	const char *code, *label;
} sources[] = {
	{ "1A", "Individual: family member, relative or carer" },
	{ "1B", "Individual: acquaintance" },
	{ "1C", "Individual: self" },
	{ "1D", "Individual: other" },
	{ "2A", "Schools" },
	{ "2B", "Education services" },
	{ "3A", "Health: GP" },
	{ "3B", "Health: health visitor" },
	{ "3C", "Health: school nurse" },
	{ "3D", "Health: other primary health" },
	{ "3E", "Health: A&E" },
	{ "3F", "Health: other" },
	{ "4", "Housing" },
	{ "5A", "LA: social care" },
	{ "5B", "LA: other internal" },
	{ "5C", "LA: external" },
	{ "5D", "LA: early help" },
	{ "6", "Police" },
	{ "7", "Other legal agency" },
	{ "8", "Other" },
	{ "9", "Anonymous" },
	{ "10", "Unknown" },
}, factors[] = {
	{ "1A", "Alcohol misuse: child" },
	{ "1B", "Alcohol misuse: parent or carer" },
	{ "1C", "Alcohol misuse: other in household" },
	{ "2A", "Drug misuse: child" },
	{ "2B", "Drug misuse: parent or carer" },
	{ "2C", "Drug misuse: other in household" },
	{ "3A", "Domestic abuse: child subject" },
	{ "3B", "Domestic abuse: parent or carer subject" },
	{ "3C", "Domestic abuse: other in household subject" },
	{ "4A", "Mental health: child" },
	{ "4B", "Mental health: parent or carer" },
	{ "4C", "Mental health: other in household" },
	{ "5A", "Learning disability: child" },
	{ "5B", "Learning disability: parent or carer" },
	{ "5C", "Learning disability: other in household" },
	{ "6A", "Physical disability or illness: child" },
	{ "6B", "Physical disability or illness: parent or carer" },
	{ "6C", "Physical disability or illness: other in household" },
	{ "7A", "Young carer" },
	{ "8B", "Privately fostered: overseas, to return" },
	{ "8C", "Privately fostered: overseas, to stay" },
	{ "8D", "Privately fostered: UK, educational placement" },
	{ "8E", "Privately fostered: UK, family arrangement" },
	{ "8F", "Privately fostered: other" },
	{ "9A", "Unaccompanied asylum-seeking child" },
	{ "10A", "Going or being missing" },
	{ "11A", "Child sexual exploitation" },
	{ "12A", "Trafficking" },
	{ "13A", "Gangs" },
	{ "14A", "Socially unacceptable behaviour" },
	{ "15A", "Self-harm" },
	{ "16A", "Neglect" },
	{ "17A", "Emotional abuse" },
	{ "18A", "Physical abuse" },
	{ "18B", "Physical abuse: child on child" },
	{ "18C", "Physical abuse: adult on child" },
	{ "19A", "Sexual abuse" },
	{ "19B", "Sexual abuse: child on child" },
	{ "19C", "Sexual abuse: adult on child" },
	{ "20", "Other" },
	{ "21", "No factors identified" },
	{ "22A", "Female genital mutilation" },
	{ "23A", "Abuse linked to faith or belief" },
	{ "24A", "Child criminal exploitation" },
};

#define FIND(table, code)                                                     \
	for (size_t i = 0; code && i < sizeof table / sizeof table[0]; i++)   \
		if (strcmp(table[i].code, code) == 0)                         \
			return table[i].label;                                \
	return NULL

const char *cin_source_label(const char *code)
{
	FIND(sources, code);
}

const char *cin_factor_label(const char *code)
{
	FIND(factors, code);
}

/* The columns of DfE's table of factors (Children in need, table C3,
 * c3_factors_identified_at_end_of_assessment): a code's count of episodes.
 * The private fostering codes (8B-8F) share one column there, so none of
 * them has one alone. */
static const struct {
	const char *code, *label;
} dfe_columns[] = {
	{ "1A", "Alcohol_Misuse_child" }, { "1B", "Alcohol_Misuse_parent" }, { "1C", "Alcohol_Misuse_person" },
	{ "2A", "Drug_Misuse_child" }, { "2B", "Drug_Misuse_parent" }, { "2C", "Drug_Misuse_person" },
	{ "3A", "Domestic_Abuse_child" }, { "3B", "Domestic_Abuse_parent" }, { "3C", "Domestic_Abuse_person" },
	{ "4A", "Mental_Health_child" }, { "4B", "Mental_Health_parent" }, { "4C", "Mental_Health_person" },
	{ "5A", "Learning_Disability_child" }, { "5B", "Learning_Disability_parent" },
	{ "5C", "Learning_Disability_person" }, { "6A", "Physical_Disability_child" },
	{ "6B", "Physical_Disability_parent" }, { "6C", "Physical_Disability_person" }, { "7A", "Young_Carer" },
	{ "9A", "Unaccompanied_asylum_seeker" }, { "10A", "Going_missing" }, { "11A", "Child_sexual_exploitation" },
	{ "12A", "Trafficking" }, { "13A", "Gangs" }, { "14A", "Socially_unacceptable_behaviour" },
	{ "15A", "Self_harm" }, { "16A", "Neglect" }, { "17A", "Emotional_Abuse" },
	{ "18A", "Physical_Abuse_unknown" }, { "18B", "Physical_Abuse_child_on_child" },
	{ "18C", "Physical_Abuse_adult_on_child" }, { "19A", "Sexual_Abuse_unknown" },
	{ "19B", "Sexual_Abuse_child_on_child" }, { "19C", "Sexual_Abuse_adult_on_child" }, { "20", "Other" },
	{ "22A", "Female_Genital_Mutilation" }, { "23A", "Faith_linked_abuse" }, { "24A", "Child_criminal_exploitation" },
};

const char *cin_factor_dfe_column(const char *code)
{
	FIND(dfe_columns, code);
}

unsigned cin_factor_trio(const char *code)
{
	static const struct {
		const char *code;
		unsigned bit;
	} trio[] = { { "3A", 1 }, { "3B", 1 }, { "3C", 1 }, { "4B", 2 }, { "4C", 2 },
		     { "1B", 4 }, { "1C", 4 }, { "2B", 4 }, { "2C", 4 } };
	for (size_t i = 0; i < sizeof trio / sizeof trio[0]; i++)
		if (strcmp(trio[i].code, code) == 0)
			return trio[i].bit;
	return 0;
}
