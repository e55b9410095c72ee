/** Row labels for the report's enumerated keys, as the paper and an IRB reader name them. */
export const AGE_BANDS_LABELS: Readonly<Record<string, string>> = { '<35': '< 35', '35-54': '35-54', '>=55': '≥ 55' };
export const SEX_LABELS: Readonly<Record<string, string>> = { male: 'Male', female: 'Female' };
export const BMI_BAND_LABELS: Readonly<Record<string, string>> = {
  '<25': '< 25',
  '25-29.9': '25-29.9',
  '>=30': '≥ 30',
};

export const SERIOUS_CRITERION_LABELS: Readonly<Record<string, string>> = {
  death: 'Death',
  life_threatening: 'Life-threatening',
  hospitalization: 'Hospitalization (initial or prolonged)',
  disability: 'Persistent or significant disability',
  congenital_anomaly: 'Congenital anomaly',
  important_medical_event: 'Important medical event',
};

export const RELATEDNESS_LABELS: Readonly<Record<string, string>> = {
  not_related: 'Not related',
  unlikely: 'Unlikely',
  possible: 'Possible',
  probable: 'Probable',
  definite: 'Definite',
};

export const WITHDRAWAL_REASON_LABELS: Readonly<Record<string, string>> = {
  consent_withdrawn: 'Consent withdrawn',
  lost_to_follow_up: 'Lost to follow-up',
  investigator_decision: 'Investigator decision',
  other: 'Other',
};
