export type StudyRegistered = {
  readonly type: 'StudyRegistered';
  readonly data: {
    readonly studyId: string;
    readonly title: string;
    readonly irbApprovalNumber: string;
    readonly protocolVersion: string;
  };
};

export type StudyEvent = StudyRegistered;

export const studyStreamId = (studyId: string): string => `study-${studyId}`;
