//! Requests (demandes) to the prison services: the list, a new request in three steps, one
//! request with its messages, and the requests kept on the tablet while the network is down.

pub mod contest_form;
pub mod detail_page;
pub mod draft;
pub mod follow_up_form;
pub mod list_page;
pub mod message_send;
pub mod new_page;
pub mod queue;
pub mod queue_flush;
pub mod queue_store;
pub mod request_status;
pub mod sent_view;
pub mod service_icon;
pub mod service_step;
pub mod step_title;
pub mod subject_step;
pub mod summary;
pub mod text_step;
pub mod thread;
pub mod waiting_list;
