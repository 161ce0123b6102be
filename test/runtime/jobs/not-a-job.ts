// A module whose default export is not a job.
export default { name: 'not a job' };
