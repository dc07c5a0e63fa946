import { connectionType } from '../types/connection.type';
import { ExportJobObject } from './export-job.type';

export const ExportJobConnection = connectionType(ExportJobObject, 'ExportJob', 'export jobs');
