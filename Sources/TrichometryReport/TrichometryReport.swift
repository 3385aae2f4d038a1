// TrichometryReport
